"""Clinical facts and rules (filled in by the next commit)."""
