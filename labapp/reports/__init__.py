"""The lab report: the lab's learning gathered as data (facts, outcomes) and printed as a PDF."""
