"""PDF forms (reportlab): the rectification ledger, supervision notices, case sheets, monthly bulletin."""
