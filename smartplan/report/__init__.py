"""Every output format of every command, registered by name."""
