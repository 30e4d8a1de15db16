"""Quality: the consistency rules (Great Expectations suites) as blocking checks, and their findings."""
