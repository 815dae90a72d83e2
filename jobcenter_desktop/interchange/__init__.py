"""Files in and out: CSV and Excel imports and exports of registers, plans and hours."""
