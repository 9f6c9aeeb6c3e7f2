# A small, deliberately insecure AWS + Azure + GCP project for trying tfpolicy.
# Run: npx tfpolicy scan examples/

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = var.region
}

module "logs" {
  source      = "./modules/storage"
  bucket_name = "${var.project}-logs"
  acl         = var.logs_acl
}

resource "aws_db_instance" "orders" {
  identifier          = "${var.project}-orders"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "orders"
  manage_master_user_password = true
  storage_encrypted   = false
  publicly_accessible = true
  skip_final_snapshot = true
}

resource "aws_ebs_volume" "scratch" {
  availability_zone = "${var.region}a"
  size              = 40
}
