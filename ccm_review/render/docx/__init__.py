"""The DOCX writer: the outline through python-docx (hot loops in plain lxml), one module a job."""
