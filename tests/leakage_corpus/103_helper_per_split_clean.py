# expect: clean
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split


def scale(train, test):
    scaler = StandardScaler().fit(train)
    return scaler.transform(train), scaler.transform(test)


df = pd.read_csv("data.csv")
train, test = train_test_split(df, test_size=0.2)
train_scaled, test_scaled = scale(train, test)
