"""Rules: the runtime shape, declarative kinds, the pack loader."""
