// Each collection runs its own host process (and a Chromium); on a small machine, hosts that run side by side would
// time each other out: collections run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
