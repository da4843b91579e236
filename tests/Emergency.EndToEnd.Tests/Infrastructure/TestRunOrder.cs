// Each collection runs its own host process (and the InfluxDB collection its own influxd); the durability tests
// drive a fleet of devices for tens of seconds. On a small machine, hosts that run side by side would time each other
// out: collections run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
