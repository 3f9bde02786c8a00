"""What-if analysis: many headless runs of one scenario, with changed
parameters, on local cores or a Dask cluster.

    plan.py        a sweep: scenario text, seed, overrides, grid, replications
    overrides.py   `--set` / `--grid` paths applied to the scenario's YAML data
    seeds.py       the seed of each replication
    replicate.py   one replication -> one flat results row
    runners.py     serial, local processes, Dask; chunks of replications
    execute.py     a sweep into a results file: fresh or resumed, any runner
    results.py     the CSV written as chunks finish, resume, final sort
    summary.py     per grid point: mean, median, p5/p95, probabilities
    lint.py        dry-run warnings for scenario authors
    progress.py    a stderr progress bar
    plot.py        PNG figures (matplotlib, imported lazily)

Nothing here imports a UI, and Dask and matplotlib are imported only by the
code paths that need them.
"""
