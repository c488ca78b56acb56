"""``pvrules serve``: a local web page and JSON API for cases, advice and reports.

The server holds no state apart from the case folder: every request carries the
case, the knowledge base is compiled once per worker (:mod:`pvrules.serve.service`),
and every read of the advice's content goes through :mod:`pvrules.serve.advice_view`.
"""
