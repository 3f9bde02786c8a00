"""Developer tools: the scenario fuzzer (fuzz_scenarios.py) and its mutator."""
