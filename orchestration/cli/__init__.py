"""The `jixiao` command line. Start-up imports nothing heavy; each command imports what it needs."""
