"""Where printed PDFs and printed parts are kept when web servers and workers run on several machines:
a table in the database (``database``) or an S3-compatible bucket (``s3``). Both answer the calls of
the instance folder's store (roadmap/printing/cache.py), so the web and the workers use any of them
without knowing which; views/files/printing.py chooses by ``PDF_STORE``."""
