variable "bucket_name" {
  type = string
}

variable "acl" {
  type    = string
  default = "private"
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket_name
  acl    = var.acl
}

output "bucket_id" {
  value = aws_s3_bucket.this.id
}
