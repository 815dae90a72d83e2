"""The timesheets area (Tuntikirjaukset): record, check and approve the hours of gigs."""
