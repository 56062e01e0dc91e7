"""Documents: list, read (metadata and full text, to show a citation in context), upload, delete."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, UploadFile
from fastapi.responses import JSONResponse

from api.deps import Admin, Guarded
from ingest.sources import Pending
from rag.errors import BadInput

router = APIRouter(prefix="/v1/documents", tags=["documents"])


@router.get("", summary="Every ingested document")
async def list_documents(svc: Guarded) -> Any:
    docs = await svc.gate.call(svc.components.store.documents)
    return {"documents": [d.model_dump() for d in docs]}


@router.get("/{document_id}", summary="One document: metadata and the full stored text")
async def get_document(document_id: str, svc: Guarded) -> Any:
    info, text = await svc.gate.call(svc.components.store.document, document_id)
    return {"document": info.model_dump(), "text": text}


@router.post("", status_code=201, summary="Upload report files (multipart); re-uploading a name replaces it")
async def upload(
    svc: Admin,
    files: Annotated[list[UploadFile], File(description="txt, md, html, pdf or docx")],
    authority: Annotated[str | None, Form(max_length=200, description="Authority, when the text does not name it")] = None,
) -> Any:
    pending = [Pending.uploaded(f.filename or "upload", await f.read()) for f in files]
    names = [p.label for p in pending]
    if repeated := sorted({n for n in names if names.count(n) > 1}):  # one name is one document: which copy?
        raise BadInput(f"Each file name may be uploaded once per request; repeated: {', '.join(repeated)[:300]}")
    report = await svc.gate.run(lambda: svc.components.ingestor.ingest(pending, authority=authority))
    body = {
        "summary": report.summary(),
        "documents": [d.model_dump() for d in report.documents],
        "failures": [{"source": f.source, "message": f.message} for f in report.failures],
        "unknown_authority": report.unknown_authority,
        "chunks": {"added": report.added, "unchanged": report.unchanged_chunks, "removed": report.removed},
    }
    if report.failures and not report.documents:
        raise BadInput("Nothing was ingested: " + "; ".join(f"{f.source}: {f.message}" for f in report.failures))
    return JSONResponse(body, status_code=201 if not report.failures else 207)


@router.delete("/{document_id}", summary="Remove a document and its chunks")
async def delete_document(document_id: str, svc: Admin) -> Any:
    removed = await svc.gate.call(svc.components.ingestor.remove, document_id)
    return {"deleted": document_id, "chunks": removed}
