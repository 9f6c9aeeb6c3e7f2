variable "project" {
  type    = string
  default = "shop"
}

variable "region" {
  type    = string
  default = "eu-west-1"
}

variable "vpc_id" {
  type = string
}

variable "office_cidrs" {
  type    = list(string)
  default = ["203.0.113.0/24"]
}

variable "logs_acl" {
  type    = string
  default = "private"
}
