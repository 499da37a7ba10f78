"""Qt item models: adapters between the services' plain objects and Qt's views."""
