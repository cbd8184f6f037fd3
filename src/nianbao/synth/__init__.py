"""Synthetic scanned annual reports with exact truth files, for training and evaluation."""
