"""The back office's pages: queues and the dossier list, intake, the dossier page and its acts."""
