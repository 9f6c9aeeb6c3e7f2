resource "aws_iam_policy" "deployer" {
  name        = "${var.project}-deployer"
  description = "Used by the CI pipeline"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_policy" "read_logs" {
  name = "${var.project}-read-logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::${var.project}-logs", "arn:aws:s3:::${var.project}-logs/*"]
    }]
  })
}
