"""Parser for 项目支出绩效自评表 text dumps (see docs/ARCHITECTURE.md, section "Parser").

    result = parse_document(data, "file.txt")   # raises DocumentError when no form is found
    [to_contract_dict(form) for form in result.forms]
"""

from .document import parse_document
from .model import DocumentError, FileParse, to_contract_dict

__all__ = ["DocumentError", "FileParse", "parse_document", "to_contract_dict"]
