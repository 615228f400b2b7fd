package dev.backroute.milvus;

import dev.backroute.restore.DestinationNotEmptyException;

/** A restore would overwrite an existing collection and {@code --overwrite} was not given. Nothing was changed. */
public class MilvusTargetExistsException extends DestinationNotEmptyException {

    private final String collection;

    public MilvusTargetExistsException(String collection, String targetUri) {
        super("Milvus collection " + collection + " already exists at " + targetUri
                + "; pass --overwrite to drop and replace it, or restore under another name");
        this.collection = collection;
    }

    public String collection() {
        return collection;
    }
}
