"""Data-safety attacks from outside: killed processes, full and read-only disks, second instances."""
