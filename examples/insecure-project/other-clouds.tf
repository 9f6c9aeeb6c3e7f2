resource "azurerm_storage_account" "reports" {
  name                      = "examplereports"
  resource_group_name       = "reports"
  location                  = "westeurope"
  account_tier              = "Standard"
  account_replication_type  = "LRS"
  https_traffic_only_enabled = false
  min_tls_version           = "TLS1_2"
}

resource "google_compute_firewall" "allow_ssh" {
  name    = "allow-ssh"
  network = "default"

  allow {
    protocol = "tcp"
    ports    = ["22"]
  }

  source_ranges = ["0.0.0.0/0"]
}
