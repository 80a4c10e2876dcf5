# Residents' contact data and consents arrive with the consent issue.
