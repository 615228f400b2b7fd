package dev.backroute.storage.s3;

import dev.backroute.pipeline.Throttle;
import dev.backroute.storage.FileSlices;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts objects into one bucket with the configured server-side encryption. A file smaller than a part goes up
 * in one PUT; a larger one as a multipart upload of {@code part_size_mb} parts, each streamed from its slice of
 * the file (a retry re-reads the slice, nothing is buffered whole), and aborted when a part fails. S3 makes a
 * PUT or a completed multipart upload visible all at once. Every body is read through the target's upload
 * {@link Throttle} as it is sent.
 */
final class S3Uploads {
    private static final long MIB = 1024L * 1024L;
    /** S3 takes at most this many parts per upload, each at most 5 GiB. */
    static final int MAX_PARTS = 10_000;
    static final long MAX_PART = 5L * 1024 * MIB;
    private static final String OCTETS = "application/octet-stream";

    private final S3Client client;
    private final S3Storage config;
    private final long partSize;
    private final Throttle uploads;

    S3Uploads(S3Client client, S3Storage config, Throttle uploads) {
        this.client = client;
        this.config = config;
        this.uploads = uploads;
        this.partSize = config.partSizeMb() * MIB;
    }

    void file(String key, Path staged) throws IOException {
        try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < partSize) {
                client.putObject(put(key, size), RequestBody.fromContentProvider(
                        () -> uploads.limit(FileSlices.slice(channel, 0, size)), size, OCTETS));
            } else {
                multipart(key, channel, size);
            }
        }
    }

    void bytes(String key, byte[] body) {
        client.putObject(put(key, body.length), RequestBody.fromContentProvider(
                () -> uploads.limit(new ByteArrayInputStream(body)), body.length, OCTETS));
    }

    /**
     * The configured part size, raised as far as an artifact of {@code size} needs to fit in S3's 10,000 parts.
     * Throws for what no upload can hold (over 48.8 TiB).
     */
    static long partSize(long configured, long size) throws IOException {
        long part = Math.max(configured, (size + MAX_PARTS - 1) / MAX_PARTS);
        if (part > MAX_PART) {
            throw new IOException("an artifact of " + size + " bytes is larger than one S3 object can be (10,000 parts of 5 GiB)");
        }
        return part;
    }

    private void multipart(String key, FileChannel channel, long size) throws IOException {
        long partSize = partSize(this.partSize, size);
        CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder().bucket(config.bucket()).key(key);
        if ("AES256".equals(config.serverSideEncryption())) {
            create.serverSideEncryption(ServerSideEncryption.AES256);
        } else if (S3Kind.AWS_KMS.equals(config.serverSideEncryption())) {
            create.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId());
        }
        String uploadId = client.createMultipartUpload(create.build()).uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long start = 0; start < size; start += partSize) {
                int number = parts.size() + 1;
                long from = start;
                long length = Math.min(partSize, size - start);
                UploadPartResponse part = client.uploadPart(UploadPartRequest.builder().bucket(config.bucket()).key(key)
                                .uploadId(uploadId).partNumber(number).contentLength(length).build(),
                        RequestBody.fromContentProvider(() -> uploads.limit(FileSlices.slice(channel, from, length)),
                                length, OCTETS));
                // The part's checksum, when the client sent one, must be repeated on completion.
                parts.add(CompletedPart.builder().partNumber(number).eTag(part.eTag())
                        .checksumCRC32(part.checksumCRC32()).build());
            }
            client.completeMultipartUpload(b -> b.bucket(config.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            abort(key, uploadId, e);
            throw e;
        }
    }

    /** An abort that fails too leaves the upload to {@link S3Target#removeLeftovers}; the first failure is the one to report. */
    private void abort(String key, String uploadId, RuntimeException failure) {
        try {
            client.abortMultipartUpload(b -> b.bucket(config.bucket()).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private PutObjectRequest put(String key, long length) {
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(config.bucket()).key(key).contentLength(length);
        if ("AES256".equals(config.serverSideEncryption())) {
            put.serverSideEncryption(ServerSideEncryption.AES256);
        } else if (S3Kind.AWS_KMS.equals(config.serverSideEncryption())) {
            put.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId());
        }
        return put.build();
    }

    /** Null for the bucket's default KMS key. */
    private String kmsKeyId() {
        return config.kmsKeyId().isEmpty() ? null : config.kmsKeyId();
    }
}
