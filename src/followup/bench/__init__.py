"""The benchmark behind `make bench`: start-up, keys, rules, export, memory and the shell."""
