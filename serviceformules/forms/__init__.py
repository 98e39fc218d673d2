"""Forms of the catalogue (`catalogus`) and of step 5 (`zes_p`)."""
