"""The parts catalog: parts by SKU, with CSV import and export for the warehouse's spreadsheet."""
