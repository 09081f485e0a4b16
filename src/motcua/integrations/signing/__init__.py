"""Digital signatures: key providers, PAdES signing with pyHanko, timestamps, verification.

`keys.unlock_signer(credential=, passphrase=)` gives the unlocked signer that
`results.services` signs with; `verification.verify_pdf(pdf=)` checks any signed PDF against
the trust roots of `results.queries.list_trust_roots`.
"""
