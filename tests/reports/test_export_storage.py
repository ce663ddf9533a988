"""Export files kept in the S3 bucket (``s3_media``) are downloaded through the site."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from reports.models import ExportJob


def test_export_file_is_written_to_the_bucket_and_downloaded_from_it(analyst_client, analyst, district, s3_media):
    response = analyst_client.post(reverse("reports:export_request"), {"kind": "readiness", "putaran": "2025"})
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.status == "done" and job.file.name.startswith("exports/")
    stored = s3_media.get_object(Bucket=s3_media.bucket, Key=job.file.name)["Body"].read()

    download = analyst_client.get(reverse("reports:export_download", args=[job.pk]))
    assert download.status_code == 200
    content = b"".join(download.streaming_content)
    assert content == stored
    assert load_workbook(io.BytesIO(content)).active.title == "2025"

    # A file gone from the bucket is a 404, not a 500.
    s3_media.delete_object(Bucket=s3_media.bucket, Key=job.file.name)
    assert analyst_client.get(reverse("reports:export_download", args=[job.pk])).status_code == 404
