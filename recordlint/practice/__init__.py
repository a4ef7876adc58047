"""Practice events read from notes, shared by rules: referrals and actions.

These build on the NLP layer's `CaseText` and never touch spaCy; their vocabularies are data in
`rules/vocab/` (referrals.yaml, actions.yaml).
"""
