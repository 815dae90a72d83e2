"""The centre's own details: the first-run wizard and the settings view (area "Asetukset")."""
