"""From a news article to draft events: language, sentences, days, places, who said it, what happened.

`extract_article` is the entry point (`eventmap.extract.drafts`); the CLI is `python -m eventmap extract`
and the dashboard's page "From an article" reviews the drafts before anything is kept.
"""

from eventmap.extract.drafts import DRAFT_COLUMNS, Extraction, Notice, NoticeCode, extract_article
from eventmap.extract.errors import ArticleInputError, ExtractError

__all__ = ["DRAFT_COLUMNS", "ArticleInputError", "ExtractError", "Extraction", "Notice", "NoticeCode",
           "extract_article"]
