"""Wire copy as agencies deliver it: NITF, IPTC NewsML-G2, IPTC 7901 / ANPA-1312 text, e-mail.

Each module turns ONE item into a Draft (`extract_*`) and, where a file can hold several items
(a NewsML-G2 newsMessage or packageItem, a 7901 feed file, an mbox, a message with attachments),
says how to cut it into parts (`split_*`), so that every item becomes its own record.
The agency-specific knowledge (field names, status codes) lives in normalizers/data/wire.json.
"""
