"""Unattended, parallel, resumable extraction of a whole archive (``nianbao extract``)."""
