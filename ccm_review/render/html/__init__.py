"""The HTML writer: the outline through the ISU's jinja2 page template, one module a job."""
