"""Reading files and uploads, page furniture, the language check, the CSV writer."""
