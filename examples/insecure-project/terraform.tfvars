# Someone made the log bucket readable by everyone to debug a dashboard.
logs_acl = "public-read"
