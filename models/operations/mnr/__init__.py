"""Use cases of the Model National Response self-assessment: rating each capability with its evidence."""
