Console.WriteLine("device-sim");
