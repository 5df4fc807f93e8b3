"""Engineers: skills, shifts and breaks, time off, home bases."""
