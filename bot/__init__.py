"""The runtime: adapters, store, scheduler, CLI. Acts on what `handlers` decide."""
