def build_regressor(n_features, norm, hidden=(256, 128, 64), dropout=0.1):
    inputs = tf.keras.Input(shape=(n_features,), name="listing_features")
    x = norm(inputs)
    for units in hidden:
        x = tf.keras.layers.Dense(units, activation="relu")(x)
        x = tf.keras.layers.Dropout(dropout)(x)
    log_price = tf.keras.layers.Dense(1, name="log_price")(x)
    model = tf.keras.Model(inputs, log_price)
    model.compile(
        optimizer=tf.keras.optimizers.Adam(learning_rate=1e-3),
        loss="mse",
        metrics=["mae", tf.keras.metrics.RootMeanSquaredError(name="rmse")],
    )
    return model


listings = pd.read_csv(DATA_DIR / "listings_clean.csv")
listings = listings[listings["price"].between(10, 5000)]
feature_cols = [c for c in listings.columns if c not in ("listing_id", "price", "host_id")]

train = listings.sample(frac=0.85, random_state=SEED)
valid = listings.drop(train.index)
X_train = train[feature_cols].to_numpy("float32")
X_valid = valid[feature_cols].to_numpy("float32")
y_train = np.log1p(train["price"].to_numpy("float32"))
y_valid = np.log1p(valid["price"].to_numpy("float32"))

norm = tf.keras.layers.Normalization()
norm.adapt(X_train)

model = build_regressor(len(feature_cols), norm)
history = model.fit(
    X_train,
    y_train,
    validation_data=(X_valid, y_valid),
    epochs=100,
    batch_size=256,
    callbacks=[tf.keras.callbacks.EarlyStopping(patience=8, restore_best_weights=True)],
    verbose=2,
)
pd.DataFrame(history.history).to_csv(OUT_DIR / "history.csv", index=False)
model.save(OUT_DIR / "price_regressor.keras")
