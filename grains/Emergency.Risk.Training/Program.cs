using Emergency.Risk.Training;

return TrainingCli.Run(args, Console.Out, Console.Error);
