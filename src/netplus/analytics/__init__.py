"""Analytics: learners for instructors; platform statistics, latency and the daily component rollup for admins."""
