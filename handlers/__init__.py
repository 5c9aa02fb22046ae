"""What to do with an event: moderation, commands, digest. Decides; never does I/O itself."""
