"""Customer metrics from survey exports: reading (read), computing (compute), storing
in an audit (answer, into) and showing (show). See SPEC Part 2, "Customer metrics"."""
