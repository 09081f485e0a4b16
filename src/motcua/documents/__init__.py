"""Official documents the system issues: the one-stop forms 01–07 as PDF (and the register as
a workbook), from typed contexts that the dossier app builds. Depends on `core` only."""
