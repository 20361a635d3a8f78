"""The ready-to-copy citation line for a quote, as a reader would paste it into their own work."""


def citation_line(quote, citation=None, quote_url=""):
    """
    “Anatoly Antonov (Russian ambassador to the United States), April 2022, quoted in Raw Story,
    “Nobody wants…”, 18 April 2022, https://www.rawstory.com/anatoly-antonov/”.

    ``citation`` is the report to credit (the earliest, usually); without one the line points
    at ``quote_url``, the quote's page in this archive. Dates say only what is known.
    """
    who = quote.attribution
    post = quote.speaker_post
    parts = [f"{who} ({post.title})" if post else who]
    if quote.said:
        parts.append(str(quote.said))
    if citation is None:
        parts.append("Embassy Row")
        if quote_url:
            parts.append(quote_url)
        return ", ".join(parts)
    article = citation.article
    headline = f"“{article.headline}”"
    parts.append(f"quoted in {article.outlet.name}, {headline}" if article.outlet_id else f"quoted in {headline}")
    if article.published:
        parts.append(str(article.published))
    if article.url:
        parts.append(article.url)
    return ", ".join(parts)
