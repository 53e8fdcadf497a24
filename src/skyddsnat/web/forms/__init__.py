"""The web's forms: Swedish labels and help, parsing only; the services hold the rules."""
